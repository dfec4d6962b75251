package dev.cutover.bench;

import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.connect.ConnectWorkerProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run copy}: two local clusters, N records of 1 KiB in 6 partitions, then the raw copy
 * and the mirror alternately, each round into a fresh target topic; prints every run and the
 * medians, with the mirror/raw ratio. Compare figures within one run only: the machine is noisy.
 */
final class CopyBench {

    private CopyBench() {
    }

    /** Runs the suite; returns the exit code (1 if a copy was not correct, 2 on bad usage). */
    static int run(String[] args) throws Exception {
        long records = 1_000_000;
        int rounds = 2;
        int tasks = 1;
        boolean connect = false;
        int workers = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--records" -> records = Long.parseLong(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--tasks" -> tasks = Integer.parseInt(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--engine" -> {
                        String engine = args[++i];
                        if (!engine.equals("connect") && !engine.equals("embedded")) {
                            return BenchMain.usage("--engine is embedded (always measured) or connect");
                        }
                        connect = engine.equals("connect");
                    }
                    default -> {
                        return BenchMain.usage("unknown option " + args[i]);
                    }
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return BenchMain.usage("each option takes a number");
        }
        List<CopyResult> results = new ArrayList<>();
        try (QuietStdout quiet = QuietStdout.begin()) {
            try (Sandbox sandbox = Sandbox.start()) {
                String source = sandbox.source().bootstrapServers();
                String target = sandbox.target().bootstrapServers();
                LoadGenerator.createTopic(source, "bench.data");
                long loadStart = System.nanoTime();
                LoadGenerator.load(source, "bench.data", records);
                System.err.printf("loaded %,d records of 1 KiB in %d partitions in %d ms%n", records, LoadGenerator.PARTITIONS,
                        (System.nanoTime() - loadStart) / 1_000_000);
                List<ConnectWorkerProcess> cluster = connect ? ConnectCluster.start(target, workers) : List.of();
                try {
                    for (int round = 1; round <= rounds; round++) {
                        results.add(report(RawCopy.run(source, target, "bench.data", "bench.raw-" + round, records, round)));
                        results.add(report(MirrorRun.run(source, target, "bench.data", records, tasks, round)));
                        if (connect) {
                            results.add(report(ConnectRun.run(cluster, source, target, "bench.data", records, tasks, round)));
                        }
                    }
                } finally {
                    cluster.forEach(ConnectWorkerProcess::close);
                }
            }
            quiet.stdout().print(ResultTable.render(results, records, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory()));
        }
        return results.stream().allMatch(CopyResult::correct) ? 0 : 1;
    }

    private static CopyResult report(CopyResult r) {
        System.err.printf("round %d %-9s %,8d ms  %6.1f MiB/s  first record %,d ms  cpu %.1f s  %s%n", r.round(), r.kind(),
                r.millis(), r.mibPerSecond(), r.firstRecordMillis(), r.cpuSeconds(), r.correct() ? "correct" : "INCORRECT");
        return r;
    }
}
