// Entry the loader imports when the previous page view left responses in the outbox.
export { flush } from './transport';
