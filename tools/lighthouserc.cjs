// Lighthouse CI settings for `make lighthouse`, mobile (Lighthouse's default form factor);
// lighthouserc.desktop.cjs reuses them with the desktop preset. `make lighthouse` builds the
// site into site/ first: this file reads it to find the newest post.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
// Another built site can be measured with LIGHTHOUSE_SITE=folder (tools/lighthouse_compare.py does).
const SITE = path.resolve(process.env.LIGHTHOUSE_SITE || path.join(ROOT, 'site'));

/** The address path of the newest post: the first one listed on the built blog index. */
function newestPost(site) {
  const index = path.join(site, 'blog', 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${index} is missing: build the site first (make build)`);
  // Material lists each post as an article.md-post whose heading links to the post.
  const found = fs.readFileSync(index, 'utf8').match(/<article class="md-post[\s\S]*?<a class="toclink" href="([^"]+)"/);
  if (!found) throw new Error(`${index} lists no post: Lighthouse needs one post to measure`);
  return new URL(found[1], 'http://localhost/blog/').pathname;
}

module.exports = {
  ci: {
    collect: {
      // Lighthouse CI serves the folder on a loopback port, compressed as a host would (the mobile
      // score depends on transfer size): Brotli at quality 4 for Chromium, which asks for it even
      // over plain HTTP; about the size of gzip at level 6.
      staticDistDir: SITE,
      // The contact page too: its request form is where a reader's visit is meant to end.
      url: ['/', '/paralegal-vs-legal-assistant/', '/contact/', newestPost(SITE)],
      // On 2 cores one mobile run varies by up to 15 points: the median of five holds.
      numberOfRuns: 5,
      chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      settings: {
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        // The browser tests' quiet, offline-friendly flags; Lighthouse CI adds --headless=new.
        chromeFlags: '--no-sandbox --disable-gpu --disable-background-networking ' +
          '--disable-component-update --disable-sync --no-first-run',
      },
    },
    assert: {
      // Judge the median run (Lighthouse CI's pick by FCP and TTI), not the best of five.
      aggregationMethod: 'median-run',
      assertions: {
        // The aims: at least 95 for performance on a phone. A warning only, since the
        // score depends on how busy the machine is as much as on the site.
        'categories:performance': ['warn', {minScore: 0.95}],
        // 100 for the rest, which do not depend on the machine: falling short fails the command.
        'categories:accessibility': ['error', {minScore: 1}],
        'categories:best-practices': ['error', {minScore: 1}],
        'categories:seo': ['error', {minScore: 1}],
      },
    },
    upload: {
      // Every run's HTML and JSON report, and manifest.json (each run's scores, the median marked).
      target: 'filesystem',
      outputDir: path.join(ROOT, 'reports', 'lighthouse', 'mobile'),
    },
  },
  newestPost,
};
