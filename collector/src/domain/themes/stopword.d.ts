// `stopword` ships its lists without type declarations; these are the four the themes engine reads.
declare module 'stopword' {
  export const eng: string[];
  export const fra: string[];
  export const deu: string[];
  export const spa: string[];
}
