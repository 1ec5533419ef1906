package com.example.checkout.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by each consumer, read from {@code /proc}: the demo JVM's threads of its group (their
 * names start with the group id: the main topic's listener threads, the retry topics' and the DLT's) and the
 * Postgres backends of its database user. The Kafka broker, the SMTP server and the order service share the same
 * cores but belong to no consumer; {@link #total} has the demo JVM and every Postgres process for them.
 */
final class ConsumerCpu {

    private static final double TICKS_PER_SECOND = 100.0;
    /** Linux keeps the first 15 characters of a thread's name. */
    private static final int THREAD_NAME_LENGTH = 15;

    private final long demoPid;

    ConsumerCpu(long demoPid) {
        this.demoPid = demoPid;
    }

    record Sample(Map<String, Double> listener, Map<String, Double> database, double jvm, double postgres) {

        Sample minus(Sample earlier) {
            Map<String, Double> listener = new LinkedHashMap<>();
            Map<String, Double> database = new LinkedHashMap<>();
            this.listener.forEach((consumer, seconds) -> listener.put(consumer, seconds - earlier.listener.get(consumer)));
            this.database.forEach((consumer, seconds) -> database.put(consumer, seconds - earlier.database.get(consumer)));
            return new Sample(listener, database, jvm - earlier.jvm, postgres - earlier.postgres);
        }
    }

    /** @param consumers the short names of {@link Effects#CONSUMERS}, whose group is {@code <name>-service} */
    Sample sample(List<String> consumers) throws IOException {
        Map<String, Double> listener = new LinkedHashMap<>();
        Map<String, Double> database = new LinkedHashMap<>();
        for (String consumer : consumers) {
            listener.put(consumer, 0.0);
            database.put(consumer, 0.0);
        }
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(demoPid), "task"))) {
            for (Path thread : threads.toList()) {
                Stat stat = Stat.read(thread.resolve("stat"));
                for (String consumer : consumers) {
                    String group = consumer + "-service";
                    if (stat != null && stat.name().startsWith(group.substring(0, Math.min(group.length(), THREAD_NAME_LENGTH)))) {
                        listener.merge(consumer, stat.seconds(), Double::sum);
                    }
                }
            }
        }
        double postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                String command = commandLine(process);
                if (!command.startsWith("postgres")) {
                    continue;
                }
                Stat stat = Stat.read(process.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                postgres += stat.seconds();
                for (String consumer : consumers) {
                    if (command.startsWith("postgres: " + consumer + "_service ")) {
                        database.merge(consumer, stat.seconds(), Double::sum);
                    }
                }
            }
        }
        Stat jvm = Stat.read(Path.of("/proc", Long.toString(demoPid), "stat"));
        return new Sample(listener, database, jvm == null ? 0 : jvm.seconds(), postgres);
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private record Stat(String name, double seconds) {

        /** @return null when the thread or process ended meanwhile */
        static Stat read(Path file) {
            String stat;
            try {
                stat = Files.readString(file);
            } catch (IOException gone) {
                return null;
            }
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            // Fields after the name, which is in parentheses and may contain spaces: utime and stime are 14th and 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Stat(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
        }
    }
}
