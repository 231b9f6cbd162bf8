// Unit tests (src/ and tests/, except tests/integration and tests/browser, which have their own configs).
// Extend the shared configuration here rather than editing .config/jest.config.js.
module.exports = {
  ...require('./.config/jest.config'),
};
