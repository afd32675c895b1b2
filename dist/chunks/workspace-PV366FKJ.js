import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
} from "./chunk-IZ27DGTN.js";
import "./chunk-PQ6BZ26G.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-6AXUII6D.js";
import "./chunk-ASENBPE5.js";
import "./chunk-WZSRKBZQ.js";
import "./chunk-ZWPF6MIZ.js";
import "./chunk-GI2HTLTL.js";
import "./chunk-ZAUMI6SE.js";
export {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
};
