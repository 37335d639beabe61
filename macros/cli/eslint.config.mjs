// ESLint's configuration for the handbook's browser scripts (`python3 scripts/handbook.py lint`).
// One dialect: modern JavaScript (ES2022) in strict mode, browser globals; recommended rules
// plus a few that keep the code in one style.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/vendor/**"] },  // third-party code, bundled as published (vendor/*-LICENSE.txt)
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      "eqeqeq": ["error", "always"],
    },
  },
  {
    files: ["**/workers/*.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["root/sw.js"],  // the service worker, copied to the site's root by the build
    languageOptions: { globals: { ...globals.serviceworker } },
  },
];
