export { createStoreApp, type StoreOptions } from './store-app.js';
export { Catalog, type CatalogTtl } from './catalog/catalog.js';
export type { StoreServices } from './services.js';
export { startInvalidation } from './invalidation.js';
export {
  placeOrder,
  type OrderRequest,
  type OrderOutcome,
  type ShippingAddress,
} from './checkout/place-order.js';
export { TestPaymentGateway, TEST_CARDS, type PaymentGateway } from './checkout/payment-gateway.js';
