/** What other features may use of the account feature. */
export { AccountPage } from './AccountPage';
