// Lighthouse CI settings for `make lighthouse`, desktop: the mobile ones (lighthouserc.cjs) with
// Lighthouse's desktop preset, no performance aim, and their own report folder.
'use strict';

const path = require('path');
const {ci} = require('./lighthouserc.cjs');

const {'categories:performance': _performance, ...assertions} = ci.assert.assertions;

module.exports = {
  ci: {
    collect: {...ci.collect, settings: {...ci.collect.settings, preset: 'desktop'}},
    assert: {...ci.assert, assertions},
    upload: {...ci.upload, outputDir: path.join(path.dirname(ci.upload.outputDir), 'desktop')},
  },
};
