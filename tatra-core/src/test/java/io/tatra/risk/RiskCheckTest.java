package io.tatra.risk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RiskCheckTest {
    static final long DAY = 86_400_000L, T0 = 1_704_067_200_000L; // 2024-01-01

    @Test
    void targetsAreClampedToThePositionAndLeverageCaps() {
        RiskCheck r = new RiskCheck(RiskLimits.leverage(0.5, 1));
        assertEquals(50, r.approve(0.9, 0, 100, 10_000, 0, T0), 1e-9, "0.9 of equity capped at 0.5");
        assertEquals(-50, r.approve(-3, 0, 100, 10_000, 0, T0), 1e-9);
        assertEquals(20, r.approve(0.5, 0, 100, 10_000, 8_000, T0), 1e-9, "only 2,000 of gross room left");
        assertEquals(0, r.approve(0.5, 0, 100, 10_000, 12_000, T0), 1e-9, "no room at all");
    }

    @Test
    void orderNotionalIsCappedTowardTheTarget() {
        RiskCheck r = new RiskCheck(RiskLimits.defaults().withMaxOrderNotional(1_000));
        assertEquals(10, r.approve(1, 0, 100, 10_000, 0, T0), 1e-9, "one order moves at most 1,000");
        assertEquals(90, r.approve(0, 100, 100, 10_000, 0, T0), 1e-9, "a big exit is cut too");
    }

    @Test
    void orderRateCountsOrdersOverARolling24Hours() {
        RiskCheck r = new RiskCheck(RiskLimits.defaults().withMaxOrdersPerDay(2));
        assertEquals(10, r.approve(0.1, 0, 100, 10_000, 0, T0), 1e-9);
        assertEquals(0, r.approve(0, 10, 100, 10_000, 0, T0 + 1), 1e-9);
        assertEquals(0, r.approve(0.1, 0, 100, 10_000, 0, T0 + 2), 1e-9, "third order in a day refused: position unchanged");
        assertEquals(0, r.approve(0, 0, 100, 10_000, 0, T0 + 3), 1e-9, "an order that changes nothing is not counted");
        assertEquals(10, r.approve(0.1, 0, 100, 10_000, 0, T0 + DAY), 1e-9, "the first order has left the window");
    }

    @Test
    void dailyLossSwitchesToReducingUntilTheNextDay() {
        RiskCheck r = new RiskCheck(RiskLimits.defaults().withMaxDailyLoss(0.05));
        r.onEquity(T0, 10_000);
        r.onEquity(T0 + 3_600_000, 9_400);
        assertEquals(TradingState.REDUCING, r.state());
        assertTrue(r.reason().contains("daily"), r.reason());
        assertEquals(50, r.approve(1, 50, 100, 9_400, 0, T0 + 7_200_000), 1e-9, "cannot grow a long past what is held");
        assertEquals(28.2, r.approve(0.3, 50, 100, 9_400, 0, T0 + 7_200_000), 1e-9, "may shrink it");
        assertEquals(0, r.approve(-1, 50, 100, 9_400, 0, T0 + 7_200_000), 1e-9, "a flip stops at flat");
        assertEquals(0, r.approve(0.5, 0, 100, 9_400, 0, T0 + 7_200_000), 1e-9, "no new position");
        r.onEquity(T0 + DAY, 9_400);
        assertEquals(TradingState.ACTIVE, r.state(), "a new UTC day");
    }

    @Test
    void drawdownBreachReducesForGoodAndHaltRefusesEverything() {
        RiskCheck r = new RiskCheck(RiskLimits.defaults().withMaxDrawdown(0.2));
        r.onEquity(T0, 10_000);
        r.onEquity(T0 + DAY, 12_000);
        r.onEquity(T0 + 2 * DAY, 9_500);
        assertEquals(TradingState.REDUCING, r.state());
        r.onEquity(T0 + 5 * DAY, 9_500);
        assertEquals(TradingState.REDUCING, r.state(), "a drawdown breach does not reset at midnight");
        r.halt("operator");
        assertEquals(50, r.approve(0, 50, 100, 9_500, 0, T0 + 5 * DAY), 1e-9, "halted: not even an exit");
        r.resume();
        assertEquals(TradingState.REDUCING, r.state());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.leverage(2, 1));
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.defaults().withMaxDailyLoss(0));
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.defaults().withMaxOrdersPerDay(0));
    }
}
