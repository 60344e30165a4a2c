package io.tatra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EtaTest {
    @Test
    void countsStepsAndSaysDoneAtTheEnd() {
        Eta eta = new Eta(3);
        assertTrue(eta.tick("epochs").startsWith("1/3 epochs, "), eta.at(1, "epochs"));
        assertTrue(eta.tick("epochs").contains(" left"));
        String last = eta.tick("epochs");
        assertTrue(last.startsWith("3/3 epochs") && last.contains("done in"), last);
        assertEquals("3/3 epochs", eta.tick("epochs").substring(0, 10), "never past the total");
        assertEquals(3, eta.done());
        assertThrows(IllegalArgumentException.class, () -> new Eta(0));
    }

    @Test
    void formatsTimeLeftInReadableUnits() {
        assertEquals("45 s", Eta.time(45));
        assertEquals("3 min", Eta.time(180));
        assertEquals("2.5 h", Eta.time(9000));
    }
}
