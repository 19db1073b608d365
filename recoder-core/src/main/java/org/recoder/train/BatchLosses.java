package org.recoder.train;

/**
 * The divergence guard and loss accumulator of one epoch: every minibatch loss goes through {@link #add}, which
 * stops training with an error naming the epoch and batch when the loss is NaN or infinite.
 */
public final class BatchLosses {
    private final int epoch;
    private double sum;
    private int batches;

    BatchLosses(int epoch) {
        this.epoch = epoch;
    }

    /** Records one minibatch's loss. */
    public void add(double loss) {
        batches++;
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, batches, loss);
        }
        sum += loss;
    }

    /** Mean loss over the batches recorded (NaN before the first). */
    public double mean() {
        return batches == 0 ? Double.NaN : sum / batches;
    }
}
