package io.tatra.dataset;

import io.tatra.TatraException;
import io.tatra.labels.LabelConfig;
import io.tatra.labels.LabelSet;
import io.tatra.market.BarSeries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads labels/SYMBOL.csv back, checking every line against its bar. */
final class LabelCsv {
    private LabelCsv() {}

    static LabelSet read(Path p, BarSeries bars, LabelConfig cfg) throws IOException {
        List<String> lines = Files.readAllLines(p);
        int n = bars.size();
        if (lines.isEmpty() || !lines.get(0).equals(DatasetStore.labelHeader()))
            throw new TatraException(p + ":1: header must be " + DatasetStore.labelHeader());
        if (lines.size() - 1 != n) throw new TatraException(p + ": " + (lines.size() - 1) + " label rows for " + n + " bars");
        long[] t = new long[n];
        boolean[] valid = new boolean[n];
        byte[] dir = new byte[n], reg = new byte[n], truth = new byte[n], bar = new byte[n];
        short[] bars2 = new short[n], span = new short[n];
        double[] ret = new double[n], vol = new double[n], tt = new double[n], sig = new double[n];
        for (int i = 0; i < n; i++) {
            String[] c = lines.get(i + 1).split(",", -1);
            int line = i + 2;
            if (c.length != 12) throw new TatraException(p + ":" + line + ": " + c.length + " fields, expected 12");
            try {
                t[i] = Long.parseLong(c[0]);
                if (t[i] != bars.openTimeMillis(i)) throw new TatraException(p + ":" + line + ": time " + t[i] + " does not match bar " + bars.openTimeMillis(i));
                valid[i] = c[1].equals("1");
                dir[i] = Byte.parseByte(c[2]);
                ret[i] = Double.parseDouble(c[3]);
                vol[i] = Double.parseDouble(c[4]);
                reg[i] = Byte.parseByte(c[5]);
                truth[i] = Byte.parseByte(c[6]);
                bar[i] = Byte.parseByte(c[7]);
                bars2[i] = Short.parseShort(c[8]);
                tt[i] = Double.parseDouble(c[9]);
                span[i] = Short.parseShort(c[10]);
                sig[i] = Double.parseDouble(c[11]);
            } catch (NumberFormatException e) {
                throw new TatraException(p + ":" + line + ": not a number: " + e.getMessage(), e);
            }
        }
        return new LabelSet(bars.symbol(), cfg, t, valid, dir, ret, vol, reg, truth, bar, bars2, tt, span, sig);
    }
}
