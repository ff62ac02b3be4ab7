package org.odop.pulse.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.ingest.IngestResult;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Validates NDJSON or CSV files (by extension) and produces them straight to Kafka.",
                "Rejected lines are listed and parked on the dead-letter topic; exits 1 when any line was rejected."})
final class ImportCommand implements Callable<Integer> {
    private static final long PROGRESS_BAR_ABOVE_BYTES = 1024 * 1024;
    private static final int LIST_AT_MOST = 50;

    @Option(names = "--type", required = true, description = "districts, products, lois, shipments, orders or fx-rates")
    String type;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        return cluster.refusalExplained(this::importFiles);
    }

    private int importFiles() throws Exception {
        RecordType recordType = RecordType.fromPathName(type.toLowerCase(Locale.ROOT)).orElse(null);
        if (recordType == null) {
            System.err.println("Unknown --type '" + type + "': use " + RecordType.pathNames() + ".");
            return 2;
        }
        long accepted = 0;
        long rejected = 0;
        long unsorted = 0; // rejected lines past the ones a result lists, which are counted but not described
        Map<String, Integer> byReason = new TreeMap<>();
        try (var producer = new KafkaProducer<byte[], byte[]>(cluster.producer())) {
            IngestService ingest = new IngestService(producer,
                    new PulseSerdes(cluster.registry()), DeadLetterCounter.NONE);
            for (Path file : files) {
                IngestResult r = importFile(ingest, recordType, file);
                accepted += r.accepted();
                rejected += r.rejectedCount();
                int listed = 0;
                for (var rej : r.rejected()) {
                    byReason.merge(rej.reason().replaceAll("'[^']*'", "'…'"), 1, Integer::sum);
                    if (listed++ < LIST_AT_MOST) System.out.printf("%s:%d: %s%n", file, rej.line(), rej.reason());
                }
                if (r.rejectedCount() > LIST_AT_MOST) {
                    System.out.printf("%s: … and %d more rejected lines%n", file, r.rejectedCount() - LIST_AT_MOST);
                }
                unsorted += r.rejectedNotListed();
            }
        }
        System.out.printf("Imported %s: %d accepted, %d rejected (parked on the dead-letter topic).%n",
                recordType.pathName(), accepted, rejected);
        byReason.forEach((reason, n) -> System.out.printf("  %6d × %s%n", n, reason));
        if (unsorted > 0) System.out.printf("  %6d × (not listed: only the first %d of a file are)%n", unsorted,
                IngestResult.LISTED_AT_MOST);
        return rejected == 0 ? 0 : 1;
    }

    private static IngestResult importFile(IngestService ingest, RecordType type, Path file) throws Exception {
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = size > PROGRESS_BAR_ABOVE_BYTES
                     ? ProgressBar.wrap(raw, new ProgressBarBuilder().setTaskName(file.getFileName().toString())
                             .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1024 * 1024).setInitialMax(size))
                     : raw) {
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            return ingest.ingest(type, new LineReader(reader, InputFormat.fromFileName(file.toString())).start());
        }
    }
}
