/**
 * jsdom for rendered pages, plus what an in-process emulator and EmulatorClient need from Node: jest's
 * jsdom environment has no `fetch`, and its timers return numbers (no `unref`). This environment puts
 * Node's own fetch classes (and ReadableStream, which EmulatorClient checks bodies against) and timers into the jsdom global.
 */
const JsdomEnvironment = require('jest-environment-jsdom').default;

const FROM_NODE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'ReadableStream',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
];

class JsdomWithNodeIoEnvironment extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
  }
}

module.exports = JsdomWithNodeIoEnvironment;
