package io.gantry.runner.sample;

import io.gantry.api.NoiseSampler;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The latent vectors a sample is drawn from: the run's own noise, a seed, and optionally truncated or interpolated. */
public final class Latents {
    /** Rounds of redrawing before the last out-of-range values are clamped (they are rare past the first few). */
    private static final int REDRAWS = 100;

    private Latents() {
    }

    /**
     * {@code n} vectors from the run's noise; with {@code truncation} > 0, every value whose magnitude
     * exceeds it is drawn again (the truncation trick of BigGAN, Brock et al. 2019): less variety, more
     * typical images.
     */
    public static INDArray draw(NoiseSampler noise, int n, int latentDim, RandomGenerator rng, double truncation) {
        INDArray z = noise.sample(n, latentDim, rng).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup();
        if (truncation <= 0) {
            return z;
        }
        float t = (float) truncation;
        for (int round = 0; round < REDRAWS && outside(z, t); round++) {
            INDArray fresh = noise.sample(n, latentDim, rng).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            for (long i = 0; i < z.length(); i++) {
                if (Math.abs(z.getFloat(i)) > t) {
                    z.putScalar(i, fresh.getFloat(i));
                }
            }
        }
        for (long i = 0; i < z.length(); i++) {
            z.putScalar(i, Math.max(-t, Math.min(t, z.getFloat(i))));
        }
        return z;
    }

    private static boolean outside(INDArray z, float t) {
        for (long i = 0; i < z.length(); i++) {
            if (Math.abs(z.getFloat(i)) > t) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code frames} vectors from {@code a} to {@code b} (both included) along the great circle between
     * them, scaled between their lengths: spherical interpolation keeps the norm a Gaussian latent
     * typically has, where a straight line passes through the improbable middle (White 2016,
     * "Sampling Generative Networks").
     */
    public static INDArray slerp(INDArray a, INDArray b, int frames) {
        double[] u = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double[] v = b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double nu = norm(u);
        double nv = norm(v);
        double cos = 0;
        for (int i = 0; i < u.length; i++) {
            cos += u[i] * v[i];
        }
        double omega = nu == 0 || nv == 0 ? 0 : Math.acos(Math.max(-1, Math.min(1, cos / (nu * nv))));
        float[][] out = new float[frames][u.length];
        for (int f = 0; f < frames; f++) {
            double t = frames == 1 ? 0 : (double) f / (frames - 1);
            double wa;
            double wb;
            if (omega < 1e-6) {
                wa = 1 - t;
                wb = t;
            } else {
                wa = Math.sin((1 - t) * omega) / Math.sin(omega);
                wb = Math.sin(t * omega) / Math.sin(omega);
            }
            for (int i = 0; i < u.length; i++) {
                out[f][i] = (float) (wa * u[i] + wb * v[i]);
            }
        }
        return Nd4j.create(out);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double d : x) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
