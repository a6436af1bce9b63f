// shared/ runs in Node and in browsers, and takes neither's type library: both provide the WHATWG
// URL class, and this declares the part the schemas use.
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly username: string;
  readonly password: string;
}
