/**
 * A typed Bybit v5 client on {@code java.net.http} (no SDK): {@link io.tatra.bybit.client.BybitRestClient} signs,
 * keeps the clock offset, honours rate limits and retries only what is safe; {@link io.tatra.bybit.client.BybitMarket}
 * and {@link io.tatra.bybit.client.BybitTrading} are the typed calls. Orders are never placed twice: a lost answer is
 * resolved by looking the order up by its orderLinkId.
 */
package io.tatra.bybit.client;
