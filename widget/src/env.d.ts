declare module '*.css?inline' {
  const css: string;
  export default css;
}

/** Chunk paths relative to the loader's folder, injected by build.mjs. */
declare const __PLAUDIT_UI__: string;
declare const __PLAUDIT_TRANSPORT__: string;
declare const __PLAUDIT_CONTROLLER__: string;
declare const __PLAUDIT_TESTIMONIALS__: string;
