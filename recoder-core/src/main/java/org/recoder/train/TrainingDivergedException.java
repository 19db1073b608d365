package org.recoder.train;

/** A minibatch loss became NaN or infinite; names where, so the run can be reproduced with a lower learning rate. */
public final class TrainingDivergedException extends IllegalStateException {
    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double loss) {
        super(String.format("training diverged: loss %s at epoch %d, batch %d; lower the learning rate", loss, epoch, batch));
        this.epoch = epoch;
        this.batch = batch;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}
