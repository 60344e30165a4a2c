// ccxt's bybit class (npm ccxt 4.5.x), a client nobody at Tatra wrote, against Tatra's paper exchange.
// Usage: node paper-check.cjs BASE_URL SYMBOL   (CCXT_DIR: where `npm install ccxt` put node_modules)
'use strict';
const path = require('path');
const { createRequire } = require('module');
const ccxt = createRequire(path.join(process.env.CCXT_DIR, 'package.json'))('ccxt');
const [url, rawSymbol] = process.argv.slice(2);
const base = rawSymbol.replace(/USDT$/, '');
const symbol = `${base}/USDT:USDT`;

function check(ok, what, detail) {
  if (!ok) throw new Error(`FAILED: ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  console.log(`ok   ${what}`);
}

(async () => {
  const ex = new ccxt.bybit({
    apiKey: process.env.BYBIT_API_KEY, secret: process.env.BYBIT_API_SECRET, enableRateLimit: true,
    options: { fetchMarkets: { types: ['linear'] }, defaultType: 'swap' },
    urls: { api: { public: url, private: url, spot: url, futures: url, v2: url } },
  });
  console.log(`ccxt ${ccxt.version} bybit -> ${url}`);
  const markets = await ex.loadMarkets();
  check(markets[symbol] && markets[symbol].linear && markets[symbol].active, `loadMarkets lists ${symbol} as an active linear market`);
  const m = markets[symbol];
  const candles = await ex.fetchOHLCV(symbol, '1h', undefined, 50);
  check(candles.length === 50 && candles.every((c, i) => i === 0 || c[0] - candles[i - 1][0] === 3600000), 'fetchOHLCV: 50 hourly candles in time order', candles.length);
  check(candles.every(c => c[2] >= Math.max(c[1], c[4]) && c[3] <= Math.min(c[1], c[4])), 'fetchOHLCV: every high/low contains open and close');
  const funding = await ex.fetchFundingRateHistory(symbol);
  check(funding.length > 0 && funding.every(f => Math.abs(f.fundingRate) < 0.01), 'fetchFundingRateHistory', funding.length);
  const balance = await ex.fetchBalance();
  check(Math.abs(balance.total.USDT - 10000) < 1e-6, 'fetchBalance: 10000 USDT', balance.total);
  const flat = await ex.fetchPositions([symbol]);
  check(flat.every(p => !p.contracts), 'fetchPositions: flat at start', flat.map(p => p.contracts));
  const ticker = await ex.fetchTicker(symbol);
  check(ticker.last > 0 && ticker.bid < ticker.ask, 'fetchTicker: last, bid < ask', [ticker.last, ticker.bid, ticker.ask]);
  const book = await ex.fetchOrderBook(symbol, 25);
  check(book.bids.length > 0 && book.bids[0][0] < book.asks[0][0], 'fetchOrderBook');
  const amount = Math.max(m.limits.amount.min * 10, Number(ex.amountToPrecision(symbol, 50 / ticker.last)));
  const sl = Number(ex.priceToPrecision(symbol, ticker.last * 0.95)), tp = Number(ex.priceToPrecision(symbol, ticker.last * 1.05));
  const order = await ex.createOrder(symbol, 'market', 'buy', amount, undefined, { stopLoss: { triggerPrice: sl }, takeProfit: { triggerPrice: tp } });
  check(typeof order.id === 'string' && order.id.length > 0, 'createOrder: market buy with stop loss and take profit', order.id);
  const positions = await ex.fetchPositions([symbol]);
  const p = positions.find(x => x.symbol === symbol);
  check(p && Math.abs(p.contracts - amount) < 1e-9 && p.side === 'long', 'fetchPositions: the long position', p && [p.contracts, p.side]);
  check(Math.abs(p.stopLossPrice - sl) < 1e-9 && Math.abs(p.takeProfitPrice - tp) < 1e-9, 'the position carries the stop loss and take profit', [p.stopLossPrice, p.takeProfitPrice]);
  const below = Number(ex.priceToPrecision(symbol, ticker.last * 0.9));
  const limit = await ex.createOrder(symbol, 'limit', 'buy', amount, below);
  let open = await ex.fetchOpenOrders(symbol);
  check(open.some(o => o.id === limit.id && o.status === 'open' && o.price === below), 'createOrder: a resting limit order is open', open.map(o => o.id));
  await ex.cancelOrder(limit.id, symbol);
  open = await ex.fetchOpenOrders(symbol);
  check(!open.some(o => o.id === limit.id), 'cancelOrder: it is gone from the open orders');
  const after = await ex.fetchBalance();
  check(after.total.USDT < 10000, 'fetchBalance: fees were paid', after.total.USDT);
  console.log('ccxt check passed');
})().catch(e => {
  console.error(String(e && e.stack || e));
  process.exit(1);
});
