package io.pggan.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Intel OpenMP (inside DJL's libtorch) not to spin-wait: sets {@code KMP_BLOCKTIME=0} and
 * {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless the user set them.
 *
 * <p>Why: libiomp spins 200 ms after every parallel region; with other processes on the cores that
 * made GAN training about 12x slower on a shared 2-core machine. The variables are read when
 * libtorch initialises OpenMP, so this must run before the engine starts ({@code
 * PgganEngine.start()}); Java cannot change its own environment, hence libc's {@code setenv}
 * through JNA (a DJL dependency). Where that is impossible (e.g. Windows) nothing happens.
 */
public final class OpenMpWaiting {
    private static final Logger LOG = LoggerFactory.getLogger(OpenMpWaiting.class);

    private OpenMpWaiting() {}

    /** libc's {@code setenv}. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets the two variables (without overwriting the user's values); returns whether it could. */
    public static boolean preferPassive() {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            boolean ok = c.setenv("KMP_BLOCKTIME", "0", 0) == 0;
            ok &= c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0;
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("could not set the OpenMP wait policy: {}", e.toString());
            return false;
        }
    }
}
