package io.tatra.decision;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CostAwareFusionTest {
    static final TradeCosts BYBIT = new TradeCosts(0.00055 + 0.0002, 0);

    static HeadOutputs out(double up, double down, double vol) {
        return new HeadOutputs(new double[]{down, 1 - up - down, up}, vol, new double[]{0.3, 0.3, 0.4}, 0, 4);
    }

    /** A fusion with a known slope 1 (t 10), entry level {@code entry}. */
    static CostAwareFusion fusion(double entry, TradeCosts costs) {
        return new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(1, 10, 1000), costs, entry, 2);
    }

    @Test
    void theGateBlocksATradeWhoseEdgeIsBelowItsCostAndTakesOneThatPays() {
        // edge = 1 × (0.40 − 0.30) × 0.005 × √4 = 0.10 %: below the round trip 2 × 0.075 % = 0.15 %
        TradeDecision cheap = fusion(0, BYBIT).decide(out(0.40, 0.30, 0.005));
        assertEquals(Action.FLAT, cheap.action());
        assertEquals(SkipReason.EDGE_BELOW_COST, cheap.skip());
        assertEquals(0.001, cheap.traced("edge"), 1e-12);
        assertEquals(0.0015, cheap.traced("cost_round_trip"), 1e-12);
        assertEquals(-0.0005, cheap.traced("net_edge"), 1e-12);
        // the same forecast with free trading goes long
        TradeDecision free = fusion(0, new TradeCosts(0, 0)).decide(out(0.40, 0.30, 0.005));
        assertEquals(Action.LONG, free.action());
        // edge 1 × 0.3 × 0.01 = 0.3 % pays 0.15 %: long, sized by the risk budget over the stop
        TradeDecision pays = fusion(0, BYBIT).decide(out(0.55, 0.25, 0.005));
        assertEquals(Action.LONG, pays.action());
        assertEquals(0.01 / (1.5 * 0.01), pays.size(), 1e-12);
        assertEquals(Action.SHORT, fusion(0, BYBIT).decide(out(0.25, 0.55, 0.005)).action(), "the mirror image");
    }

    @Test
    void volatilitySlippageMakesAWildBarsTradeDearer() {
        TradeCosts slippy = new TradeCosts(0.00075, 0, 0.1); // each leg also loses 0.1 σ, as the backtest's --slippage-vol 0.1 charges
        // edge 1 × 0.3 × 0.005 × 2 = 0.3 % against 2 × (0.075 % + 0.05 %) = 0.25 %: it pays
        TradeDecision calm = fusion(0, slippy).decide(out(0.55, 0.25, 0.005));
        assertEquals(0.0025, calm.traced("cost_round_trip"), 1e-12);
        assertEquals(Action.LONG, calm.action());
        assertEquals(-0.00125, calm.traced("exit_level"), 1e-12);
        // a 2 % bar: edge 1.2 % against 2 × (0.075 % + 0.2 %) = 0.55 % still pays; a weaker signal at that volatility does not
        assertEquals(0.0055, fusion(0, slippy).decide(out(0.55, 0.25, 0.02)).traced("cost_round_trip"), 1e-12);
        assertEquals(SkipReason.EDGE_BELOW_COST, fusion(0, slippy).decide(out(0.36, 0.30, 0.02)).skip(), "0.24 % against 0.55 %");
        assertEquals(Action.LONG, fusion(0, BYBIT).decide(out(0.36, 0.30, 0.02)).action(), "the same signal clears fixed costs of 0.15 %");
        assertThrows(IllegalArgumentException.class, () -> new TradeCosts(0.00075, 0, -1));
    }

    @Test
    void fundingMakesTheSideThatPaysItDearer() {
        TradeCosts funded = new TradeCosts(0.00075, 0.0002); // longs pay 0.02 % a bar: 0.08 % over 4 bars
        TradeDecision longSide = fusion(0, funded).decide(out(0.50, 0.30, 0.005)), shortSide = fusion(0, funded).decide(out(0.30, 0.50, 0.005));
        assertEquals(0.0015 + 0.0008, longSide.traced("cost_round_trip"), 1e-12);
        assertEquals(0.0015 - 0.0008, shortSide.traced("cost_round_trip"), 1e-12);
        // edge 0.2 %: the long does not pay 0.23 %, the short pays 0.07 %
        assertEquals(SkipReason.EDGE_BELOW_COST, longSide.skip());
        assertEquals(Action.SHORT, shortSide.action());
    }

    @Test
    void belowTheEntryLevelAndWithoutValidatedSkillItStaysFlat() {
        TradeDecision weak = fusion(0.004, BYBIT).decide(out(0.55, 0.25, 0.005));
        assertEquals(SkipReason.BELOW_ENTRY_THRESHOLD, weak.skip(), "0.3 % pays its cost but is below the 0.4 % entry level");
        var noSkill = new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(0.5, 1.2, 1000), BYBIT, 0, 2).decide(out(0.9, 0.05, 0.005));
        assertEquals(SkipReason.NO_VALIDATED_SKILL, noSkill.skip());
        var wrongWay = new CostAwareFusion(FusionConfig.defaults(), new EdgeModel(-0.5, -8, 1000), BYBIT, 0, 2).decide(out(0.9, 0.05, 0.005));
        assertEquals(SkipReason.NO_VALIDATED_SKILL, wrongWay.skip(), "a negative slope is no skill, not a reason to trade the other way");
    }

    @Test
    void fitFindsAPlantedSlopeAndSetsTheEntryLevelFromValidationQuantiles() {
        Random rnd = new Random(7);
        List<HeadOutputs> val = new ArrayList<>();
        int n = 4000;
        double[] realized = new double[n];
        for (int i = 0; i < n; i++) {
            double up = 0.2 + 0.3 * rnd.nextDouble(), down = 0.2 + 0.3 * rnd.nextDouble(), vol = 0.004 + 0.004 * rnd.nextDouble();
            HeadOutputs o = out(up, down, vol);
            val.add(o);
            realized[i] = (0.8 * (up - down) + rnd.nextGaussian()) * o.horizonVolatility(); // z = 0.8 d + noise
        }
        CostAwareFusion f = CostAwareFusion.fit(FusionConfig.defaults(), CostAwareConfig.defaults(4), BYBIT, val, realized);
        assertEquals(0.8, f.edge().slope(), 0.2);
        assertTrue(f.edge().tStat() > 2, "planted skill is found: t " + f.edge().tStat());
        int above = 0;
        for (HeadOutputs o : val) if (Math.abs(f.edge().expectedReturn(o)) >= f.entryLevel()) above++;
        assertEquals(0.2, above / (double) n, 0.01, "the entry level passes the strongest 20 % of validation signals");
        // the same forecasts against shuffled returns: no skill, no trades
        double[] shuffled = realized.clone();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        CostAwareFusion none = CostAwareFusion.fit(FusionConfig.defaults(), CostAwareConfig.defaults(4), BYBIT, val, shuffled);
        assertTrue(none.edge().tStat() < 2, "shuffled returns: t " + none.edge().tStat());
        long trades = val.stream().filter(o -> none.decide(o).action() != Action.FLAT).count();
        assertEquals(0, trades);
    }

    @Test
    void theEdgeFitIgnoresUnknownReturnsAndInflatesTheErrorForOverlap() {
        EdgeModel one = EdgeModel.fit(new double[]{0.1, -0.2, 0.3, 0.2, Double.NaN}, new double[]{0.2, -0.3, 0.5, 0.1, 1}, 1);
        EdgeModel four = EdgeModel.fit(new double[]{0.1, -0.2, 0.3, 0.2, Double.NaN}, new double[]{0.2, -0.3, 0.5, 0.1, 1}, 4);
        assertEquals(4, one.samples());
        assertEquals((0.02 + 0.06 + 0.15 + 0.02) / (0.01 + 0.04 + 0.09 + 0.04), one.slope(), 1e-12);
        assertEquals(one.tStat() / 2, four.tStat(), 1e-9);
        assertEquals(0, EdgeModel.fit(new double[0], new double[0], 4).slope());
    }
}
