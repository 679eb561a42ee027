// The build uses Debian's Chromium (or PUPPETEER_EXECUTABLE_PATH); this machine
// kind cannot download puppeteer's own browser, so the install step must not try.
module.exports = { skipDownload: true };
