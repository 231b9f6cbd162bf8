// Static assets imported from code resolve to their file name in tests.
module.exports = 'test-file-stub';
