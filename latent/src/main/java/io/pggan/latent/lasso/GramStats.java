package io.pggan.latent.lasso;

/**
 * Sufficient statistics of a set of rows for least squares: counts, sums, the Gram matrix and cross
 * products, all taken about a fixed shift (the column means of all rows), so that the statistics of
 * a training fold are "all minus the held-out fold" and centring a subset later only subtracts a
 * small correction (no catastrophic cancellation when columns have large means).
 *
 * <p>Public so that statistics accumulated elsewhere (a Spark partition, another process) can be
 * merged with {@link #merge} and handed to {@link LassoCv#fit(GramStats[], double[], double)}.
 * Serializable (plain arrays) so that an engine can ship partial statistics between machines.
 */
public final class GramStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int p;
    long n;
    final double[] sx;
    double sy;

    /** Full symmetric p x p, row-major; only the upper triangle is accumulated until finish. */
    final double[] g;

    final double[] sxy;
    double syy;

    /** Empty statistics of rows of length {@code p}. */
    public GramStats(int p) {
        if (p < 1 || (long) p * p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad number of columns " + p);
        }
        this.p = p;
        this.sx = new double[p];
        this.g = new double[p * p];
        this.sxy = new double[p];
    }

    /** Rows per accumulation block, and rows of G per tile: keeps the tile and rows in cache. */
    public static final int BLOCK_ROWS = 64;

    private static final int TILE = 32;

    /**
     * Accumulates the shifted rows {@code rows[0..count)} (each length p) with responses {@code
     * ys}; blocks of {@link #BLOCK_ROWS} rows are the fastest.
     */
    public void addBlock(double[][] rows, double[] ys, int count) {
        for (int r = 0; r < count; r++) {
            double[] u = rows[r];
            double v = ys[r];
            n++;
            sy += v;
            syy += v * v;
            for (int j = 0; j < p; j++) {
                sx[j] += u[j];
                sxy[j] += u[j] * v;
            }
        }
        // Upper triangle of sum u u^T, four rows at a time (one load/store of G per 8 flops;
        // the inner loop is a plain axpy that the JIT vectorises).
        for (int j0 = 0; j0 < p; j0 += TILE) {
            int j1 = Math.min(p, j0 + TILE);
            int r = 0;
            for (; r + 4 <= count; r += 4) {
                double[] b0 = rows[r];
                double[] b1 = rows[r + 1];
                double[] b2 = rows[r + 2];
                double[] b3 = rows[r + 3];
                for (int j = j0; j < j1; j++) {
                    double a0 = b0[j];
                    double a1 = b1[j];
                    double a2 = b2[j];
                    double a3 = b3[j];
                    int off = j * p;
                    for (int k = j; k < p; k++) {
                        g[off + k] += a0 * b0[k] + a1 * b1[k] + a2 * b2[k] + a3 * b3[k];
                    }
                }
            }
            for (; r < count; r++) {
                double[] b0 = rows[r];
                for (int j = j0; j < j1; j++) {
                    double a0 = b0[j];
                    int off = j * p;
                    for (int k = j; k < p; k++) {
                        g[off + k] += a0 * b0[k];
                    }
                }
            }
        }
    }

    /**
     * Copies the accumulated upper triangle into the lower one; call once all rows are added
     * (idempotent, and statistics finished or not merge alike).
     */
    public void finish() {
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                g[k * p + j] = g[j * p + k];
            }
        }
    }

    void add(GramStats o, double sign) {
        n += (long) sign * o.n;
        sy += sign * o.sy;
        syy += sign * o.syy;
        for (int j = 0; j < p; j++) {
            sx[j] += sign * o.sx[j];
            sxy[j] += sign * o.sxy[j];
        }
        for (int k = 0; k < g.length; k++) {
            g[k] += sign * o.g[k];
        }
    }

    /** Adds another set's statistics (same shift, same p) to these. */
    public void merge(GramStats o) {
        if (o.p != p) {
            throw new IllegalArgumentException(
                    "cannot merge statistics of " + o.p + " columns into " + p + " columns");
        }
        add(o, 1.0);
    }

    /** Number of rows accumulated. */
    public long count() {
        return n;
    }

    /** Number of columns. */
    public int columns() {
        return p;
    }

    GramStats copy() {
        GramStats c = new GramStats(p);
        c.add(this, 1.0);
        return c;
    }

    /**
     * Per-fold statistics of {@code design} and {@code y} shifted by {@code shiftX}, {@code
     * shiftY}; rows of fold f are those with {@code fold[i] == f}.
     */
    static GramStats[] perFold(
            Design design,
            double[] y,
            int[] fold,
            int nFolds,
            double[] shiftX,
            double shiftY,
            int threads,
            Runnable onRows) {
        int p = design.cols();
        GramStats[] out = new GramStats[nFolds];
        int[][] members = membersOfFolds(fold, nFolds);
        java.util.concurrent.atomic.AtomicInteger next =
                new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker =
                () -> {
                    double[][] block = new double[BLOCK_ROWS][p];
                    double[] ys = new double[BLOCK_ROWS];
                    int f;
                    while ((f = next.getAndIncrement()) < nFolds) {
                        GramStats s = new GramStats(p);
                        int count = 0;
                        for (int i : members[f]) {
                            double[] u = block[count];
                            design.row(i, u);
                            for (int j = 0; j < p; j++) {
                                u[j] -= shiftX[j];
                            }
                            ys[count] = y[i] - shiftY;
                            if (++count == BLOCK_ROWS) {
                                s.addBlock(block, ys, count);
                                count = 0;
                                onRows.run();
                            }
                        }
                        s.addBlock(block, ys, count);
                        s.finish();
                        out[f] = s;
                    }
                };
        runParallel(worker, threads);
        return out;
    }

    static int[][] membersOfFolds(int[] fold, int nFolds) {
        int[] counts = new int[nFolds];
        for (int f : fold) {
            counts[f]++;
        }
        int[][] members = new int[nFolds][];
        for (int f = 0; f < nFolds; f++) {
            members[f] = new int[counts[f]];
        }
        int[] at = new int[nFolds];
        for (int i = 0; i < fold.length; i++) {
            members[fold[i]][at[fold[i]]++] = i;
        }
        return members;
    }

    static void runParallel(Runnable worker, int threads) {
        if (threads <= 1) {
            worker.run();
            return;
        }
        Thread[] ts = new Thread[threads];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(worker, "lasso-worker-" + t);
            ts[t].setUncaughtExceptionHandler(
                    (th, e) -> {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    });
            ts[t].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fitting", e);
            }
        }
        if (failure[0] != null) {
            throw new IllegalStateException("worker failed: " + failure[0], failure[0]);
        }
    }

    /**
     * Statistics centred at this subset's own means: the least-squares problem without intercept.
     */
    Centered center(double[] shiftX, double shiftY) {
        double nn = n;
        double[] m = new double[p];
        for (int j = 0; j < p; j++) {
            m[j] = sx[j] / nn;
        }
        double my = sy / nn;
        double[] q = new double[p * p];
        for (int j = 0; j < p; j++) {
            int off = j * p;
            for (int k = 0; k < p; k++) {
                q[off + k] = g[off + k] - nn * m[j] * m[k];
            }
        }
        double[] xy = new double[p];
        for (int j = 0; j < p; j++) {
            xy[j] = sxy[j] - nn * m[j] * my;
        }
        double yy = Math.max(0.0, syy - nn * my * my);
        double[] xbar = new double[p];
        for (int j = 0; j < p; j++) {
            xbar[j] = shiftX[j] + m[j];
        }
        return new Centered(p, n, q, xy, yy, xbar, shiftY + my);
    }

    /**
     * Sum over this subset's rows of (x.w + b - y)^2, from the statistics alone, for original-scale
     * coefficients {@code w} (with nonzero positions {@code support}) and intercept {@code b}.
     */
    double sumSquaredError(
            double[] w, int[] support, int nnz, double b, double[] shiftX, double shiftY) {
        // e_i = u_i.w - v_i + c with u = x - shiftX, v = y - shiftY, c = shiftX.w + b - shiftY
        double c = b - shiftY;
        for (int a = 0; a < nnz; a++) {
            c += shiftX[support[a]] * w[support[a]];
        }
        double wgw = 0;
        double wxy = 0;
        double wsx = 0;
        for (int a = 0; a < nnz; a++) {
            int j = support[a];
            double wj = w[j];
            int off = j * p;
            double row = 0;
            for (int bb = 0; bb < nnz; bb++) {
                int k = support[bb];
                row += g[off + k] * w[k];
            }
            wgw += wj * row;
            wxy += wj * sxy[j];
            wsx += wj * sx[j];
        }
        double sse = wgw - 2 * wxy + syy + 2 * c * (wsx - sy) + n * c * c;
        return Math.max(0.0, sse);
    }

    /** A centred least-squares problem: Q = Xc^T Xc, q = Xc^T yc, yy = ||yc||^2. */
    record Centered(
            int p, long n, double[] q2, double[] q1, double yy, double[] xbar, double ybar) {}
}
