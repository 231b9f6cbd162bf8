// jest-dom matchers (toBeInTheDocument, ...) for tests; .config/jest-setup.js registers them at runtime.
/// <reference types="@testing-library/jest-dom" />
