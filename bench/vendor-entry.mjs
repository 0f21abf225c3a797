// The npm peers the page compares against, bundled by esbuild into target/bench/site/vendor.js.
export * as pako from 'pako';
export * as oauth from 'oauth4webapi';
