package org.recoder.models.family;

import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;

/**
 * What the models with a learned parameter per training user (NCF, BPR-MF) share: they score users seen in training
 * only, by id ({@link #scoreRows} matches each history's user id to a training user and calls {@link #scoreKnown}),
 * and cannot fold in a new history ({@link #score} throws, {@link #canFoldIn()} is false, {@link #whyNoFoldIn()}
 * says why). Holds the training matrix, config and provenance. Models that already extend another base (CDAE) use
 * the static {@link #knownRows} and {@link #foldInRefusal} instead.
 */
public abstract class KnownUserModel implements Model {
    private final String type;
    private final Record config;
    private final Interactions known;
    private final Provenance provenance;
    private final String perUser;

    /**
     * @param perUser what the model learns per training user, as it reads after "it learns" in an error message
     *     ("an embedding per training user")
     */
    protected KnownUserModel(String type, Record config, Interactions known, Provenance provenance, String perUser) {
        this.type = type;
        this.config = config;
        this.known = known;
        this.provenance = provenance;
        this.perUser = perUser;
    }

    /** Scores every item for the training user of row {@code user} of {@link #knownUsers()} into {@code out}. */
    public abstract void scoreKnown(int user, float[] out);

    /** Rows of {@code histories} are matched to training users by id; any other user fails, naming them. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        int[] rows = knownRows(known, histories, users, from, to, type, perUser, "retrain with this user's events");
        for (int r = 0; r < rows.length; r++) {
            scoreKnown(rows[r], out[r]);
        }
    }

    @Override
    public final boolean canFoldIn() {
        return false;
    }

    @Override
    public final String whyNoFoldIn() {
        return "it learns " + perUser;
    }

    /** Always throws: the model has no parameters for a user it was not trained on. */
    @Override
    public final void score(int[] historyItems, float[] historyValues, float[] out) {
        throw new UnsupportedOperationException(foldInRefusal(type, perUser));
    }

    /**
     * The rows of {@code known} of the users {@code users[from, to)} of {@code histories}, matched by id; fails
     * naming the first user that was not a training user, what the model learns per user and {@code remedy}.
     */
    public static int[] knownRows(Interactions known, Interactions histories, int[] users, int from, int to,
                                  String type, String perUser, String remedy) {
        int[] rows = new int[to - from];
        for (int r = 0; r < rows.length; r++) {
            String id = histories.users().id(users[from + r]);
            rows[r] = known.users().tryIndex(id);
            if (rows[r] < 0) {
                throw new IllegalArgumentException(type + " cannot score user '" + id + "': it was not a training user, "
                        + "and " + type + " learns " + perUser + " (" + remedy + ")");
            }
        }
        return rows;
    }

    /** The message of {@link #score} on a model that cannot fold in. */
    public static String foldInRefusal(String type, String perUser) {
        return type + " cannot fold in a new history: it learns " + perUser + ", so only users seen in training can "
                + "be scored (by id); retrain with the new user's events";
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public final Provenance provenance() {
        return provenance;
    }

    @Override
    public final Interactions knownUsers() {
        return known;
    }

    @Override
    public final IdIndex items() {
        return known.items();
    }
}
