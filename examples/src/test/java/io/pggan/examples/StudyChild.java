package io.pggan.examples;

/** The process the study crash test kills: the quick study into a folder (resuming it). */
public final class StudyChild {
    private StudyChild() {}

    public static void main(String[] args) {
        System.out.println("STARTED");
        System.out.flush();
        int rc = EndToEnd.run("--quick", "--out", args[0], "--seed", "7");
        System.out.println(rc == 0 ? "DONE" : "FAILED " + rc);
        System.exit(rc);
    }
}
