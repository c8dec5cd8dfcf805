// What the contract suite's server talks to outside itself, local and real: the Stripe and PayPal
// fakes the server tests use (decision 0052), so the client page's checkouts reach a connected
// gateway instead of answering 404 for want of one, and an SMTP mailbox (@keito/testkit), so
// notifications are sent and seed.mjs can read the unsubscribe link the unsubscribe operations
// need. Prints the server's settings (and the mailbox's HTTP address) as shell assignments for
// run.sh, then stays up until run.sh stops it.
import { startMailbox } from '@keito/testkit/mailbox';
import { register } from 'tsx/esm/api';

register();
const { startFakeStripe } = await import('../test/fakes/stripe.ts');
const { startFakePayPal } = await import('../test/fakes/paypal.ts');
const stripe = await startFakeStripe();
const paypal = await startFakePayPal();
const mailbox = await startMailbox({ http: true });
console.log(`STRIPE_API_BASE=${stripe.baseUrl}`);
console.log(`PAYPAL_API_BASE=${paypal.baseUrl}`);
console.log(`SMTP_URL=${mailbox.url}`);
console.log(`KEITO_CONTRACT_MAILBOX=${mailbox.httpUrl}`);
// run.sh stops this with SIGTERM: close everything and exit 0, so the run keeps the suite's exit code.
process.on('SIGTERM', async () => {
  await Promise.all([stripe.close(), paypal.close(), mailbox.close()]);
  process.exit(0);
});
