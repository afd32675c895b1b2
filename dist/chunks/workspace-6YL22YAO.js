import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
} from "./chunk-AZ3X72VG.js";
import "./chunk-R4TDBKOL.js";
import "./chunk-LR46CNHU.js";
import "./chunk-BH4CIP2B.js";
import "./chunk-F3BSO7HA.js";
import "./chunk-ASENBPE5.js";
import "./chunk-L4RSU5JK.js";
import "./chunk-HDPE77IK.js";
import "./chunk-UQEXZMPS.js";
import "./chunk-ZAUMI6SE.js";
export {
  followUpPublisherFor,
  gitWorkspace,
  openRelayCheckout,
  publisherFor
};
