package dev.cutover.bench;

import dev.cutover.sandbox.Sandbox;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code bench/run}: two local clusters, N records of 1 KiB in 6 partitions, then the raw copy
 * and the mirror alternately, each round into a fresh target topic; prints every run and the
 * medians, with the mirror/raw ratio. Compare figures within one run only: the machine is noisy.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        long records = 1_000_000;
        int rounds = 2;
        int tasks = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: bench/run [--records N] [--rounds R] [--tasks T]");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the test kit's chatter
        List<CopyResult> results = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start()) {
            String source = sandbox.source().bootstrapServers();
            String target = sandbox.target().bootstrapServers();
            LoadGenerator.createTopic(source, "bench.data");
            long loadStart = System.nanoTime();
            LoadGenerator.load(source, "bench.data", records);
            System.err.printf("loaded %,d records of 1 KiB in %d partitions in %d ms%n", records, LoadGenerator.PARTITIONS,
                    (System.nanoTime() - loadStart) / 1_000_000);
            for (int round = 1; round <= rounds; round++) {
                results.add(report(RawCopy.run(source, target, "bench.data", "bench.raw-" + round, records, round)));
                results.add(report(MirrorRun.run(source, target, "bench.data", records, tasks, round)));
            }
        } finally {
            System.setOut(out);
        }
        out.print(ResultTable.render(results, records, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory()));
        System.exit(results.stream().allMatch(CopyResult::correct) ? 0 : 1);
    }

    private static CopyResult report(CopyResult r) {
        System.err.printf("round %d %-9s %,8d ms  %6.1f MiB/s  first record %,d ms  cpu %.1f s  %s%n", r.round(), r.kind(),
                r.millis(), r.mibPerSecond(), r.firstRecordMillis(), r.cpuSeconds(), r.correct() ? "correct" : "INCORRECT");
        return r;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
