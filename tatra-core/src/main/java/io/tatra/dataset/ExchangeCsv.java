package io.tatra.dataset;

import io.tatra.TatraException;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Funding and open interest beside a dataset's bars: {@code time_ms,value} per line. */
final class ExchangeCsv {
    private ExchangeCsv() {}

    static void write(MarketFrame f, Path dir) throws IOException {
        String sym = f.bars().symbol().value();
        if (!f.funding().isEmpty())
            Files.write(dir.resolve(sym + ".funding.csv"), lines("time_ms,rate", f.funding().stream().map(x -> x.time().toEpochMilli() + "," + x.rate()).toList()));
        if (!f.openInterest().isEmpty())
            Files.write(dir.resolve(sym + ".open_interest.csv"), lines("time_ms,value", f.openInterest().stream().map(x -> x.time().toEpochMilli() + "," + x.value()).toList()));
    }

    private static List<String> lines(String header, List<String> rows) {
        List<String> out = new ArrayList<>(rows.size() + 1);
        out.add(header);
        out.addAll(rows);
        return out;
    }

    static MarketFrame read(BarSeries bars, Path dir) throws IOException {
        String sym = bars.symbol().value();
        List<FundingRate> funding = new ArrayList<>();
        List<OpenInterest> oi = new ArrayList<>();
        for (String[] r : rows(dir.resolve(sym + ".funding.csv"))) funding.add(new FundingRate(bars.symbol(), Instant.ofEpochMilli(Long.parseLong(r[0])), Double.parseDouble(r[1])));
        for (String[] r : rows(dir.resolve(sym + ".open_interest.csv"))) oi.add(new OpenInterest(bars.symbol(), Instant.ofEpochMilli(Long.parseLong(r[0])), Double.parseDouble(r[1])));
        return new MarketFrame(bars, funding, oi, null);
    }

    private static List<String[]> rows(Path p) throws IOException {
        if (!Files.exists(p)) return List.of();
        List<String> lines = Files.readAllLines(p);
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            if (c.length != 2) throw new TatraException(p + ":" + (i + 1) + ": expected 2 fields, got " + c.length);
            try {
                Long.parseLong(c[0]);
                Double.parseDouble(c[1]);
            } catch (NumberFormatException e) {
                throw new TatraException(p + ":" + (i + 1) + ": not a number: " + e.getMessage(), e);
            }
            out.add(c);
        }
        return out;
    }
}
