/** Vite's `?raw` imports: a fixture file's text, as the tests' bundler reads it. */
declare module '*?raw' {
  const text: string;
  export default text;
}
