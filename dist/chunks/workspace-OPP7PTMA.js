import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
} from "./chunk-XV5ZFNSS.js";
import "./chunk-R4TDBKOL.js";
import "./chunk-LR46CNHU.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-VQW6KYSI.js";
import "./chunk-6PUVZC3Q.js";
import "./chunk-MIUJ3WOL.js";
import "./chunk-ESIXY7EP.js";
import "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";
export {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
};
