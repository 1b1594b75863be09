package io.pggan.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real child JVM running a main class of the test classpath, for crash tests: its output lines
 * are collected (so the parent can wait for a marker), and it can be killed with SIGKILL ({@link
 * Process#destroyForcibly}), which no finally block or shutdown hook survives.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    synchronized (all) {
                                        all.add(line);
                                    }
                                    lines.add(line);
                                }
                            } catch (IOException ignored) {
                                // the child was killed: its pipe closes
                            }
                        },
                        "child-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code main} in a new JVM with this JVM's classpath, one torch thread (so results do
     * not depend on how busy the machine is) and the given system properties ({@code -Dk=v}).
     */
    public static ChildJvm start(Class<?> main, List<String> properties, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-XX:TieredStopAtLevel=1"); // short-lived: start fast rather than peak fast
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("KMP_BLOCKTIME", "0");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        try {
            return new ChildJvm(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for a line starting with {@code prefix}.
     *
     * @return the line, or null if the child ended or the time ran out first
     */
    public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
        return awaitLine(l -> l.startsWith(prefix), timeoutMs);
    }

    /**
     * Waits for a line that passes {@code test}.
     *
     * @return the line, or null if the child ended or the time ran out first
     */
    public String awaitLine(Predicate<String> test, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            String l = lines.poll(Math.min(left, 50), TimeUnit.MILLISECONDS);
            if (l != null && test.test(l)) {
                return l;
            }
            if (l == null && !process.isAlive() && lines.isEmpty()) {
                return null;
            }
        }
    }

    /** Waits for the child to end by itself; fails the caller with its output if it does not. */
    public int awaitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child did not finish in " + timeoutMs + " ms:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Waits until the child prints {@code <word> n} with n at least {@code atLeast} (a progress
     * line), or ends.
     */
    public String awaitCount(String word, long atLeast, long timeoutMs)
            throws InterruptedException {
        return awaitLine(
                l ->
                        l.startsWith(word + " ")
                                && Long.parseLong(l.substring(word.length() + 1).trim()) >= atLeast,
                timeoutMs);
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the child printed so far. */
    public String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
