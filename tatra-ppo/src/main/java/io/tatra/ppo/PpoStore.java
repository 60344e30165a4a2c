package io.tatra.ppo;

import io.tatra.AtomicWrite;
import io.tatra.Json;
import io.tatra.TatraException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A PPO policy directory: {@code ppo.json} (the {@link PpoCard}) and {@code weights.bin} (the actor's and critic's
 * weights as big-endian floats after their count). Written whole or not at all; loading checks the format, the weights'
 * checksum and their count against the card's shapes, and {@link #requireCompatible} refuses a policy whose task,
 * observation or action differs from what the caller will feed it.
 */
public final class PpoStore {
    public static final String FORMAT = "tatra-ppo-1";
    static final String CARD = "ppo.json", WEIGHTS = "weights.bin";
    /** Weights beyond this many floats are refused (a 2 × 4096 policy has about 35 million). */
    static final int MAX_WEIGHTS = 50_000_000;

    private PpoStore() {}

    /** A loaded policy and its card; close it to free native memory. */
    public record Loaded(ActorCritic policy, PpoCard card) implements AutoCloseable {
        @Override public void close() { policy.close(); }
    }

    public static void save(Path target, ActorCritic policy, PpoCard card, AtomicWrite.Existing existing) {
        if (card.observation().size() != policy.width()) throw new IllegalArgumentException("the card names " + card.observation().size() + " observation values, the policy reads " + policy.width());
        if (!java.util.Arrays.equals(card.actionDims(), policy.dims())) throw new IllegalArgumentException("the card's action components differ from the policy's");
        AtomicWrite.directory(target, existing, dir -> {
            try {
                float[] w = policy.weights();
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
                    out.writeInt(w.length);
                    for (float v : w) out.writeFloat(v);
                }
                Json.PRETTY.writeValue(dir.resolve(CARD).toFile(), card.withWeights(sha256(dir.resolve(WEIGHTS))));
            } catch (IOException e) {
                throw new TatraException("cannot write the PPO policy to " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    public static PpoCard card(Path dir) {
        Path f = dir.resolve(CARD);
        if (!Files.isRegularFile(f)) throw new TatraException(dir + " is not a PPO policy directory: " + CARD + " is missing (tatra ppo --task TASK --save DIR saves one)");
        try {
            PpoCard c = Json.MAPPER.readValue(f.toFile(), PpoCard.class);
            if (!FORMAT.equals(c.format())) throw new TatraException(f + ": format '" + c.format() + "' is not " + FORMAT);
            return c;
        } catch (IOException e) {
            throw new TatraException(f + ": not a readable PPO card: " + e.getMessage(), e);
        }
    }

    public static Loaded load(Path dir) {
        PpoCard c = card(dir);
        Path f = dir.resolve(WEIGHTS);
        try {
            if (!Files.isRegularFile(f)) throw new TatraException(dir + ": " + WEIGHTS + " is missing");
            String sha = sha256(f);
            if (c.weightsSha256() != null && !c.weightsSha256().equals(sha))
                throw new TatraException(f + " does not match its checksum in " + CARD + ": the policy was changed or damaged after it was saved");
            float[] w;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
                int n = in.readInt();
                if (n < 1 || n > MAX_WEIGHTS) throw new TatraException(f + ": " + n + " weights is not a policy");
                w = new float[n];
                for (int i = 0; i < n; i++) w[i] = in.readFloat();
            }
            ActorCritic pi = ActorCritic.create(c.observation().size(), c.actionDims(), c.ppo().hidden(), c.ppo().seed());
            try {
                pi.load(w);
            } catch (IllegalArgumentException e) {
                pi.close();
                throw new TatraException(f + ": " + e.getMessage());
            }
            return new Loaded(pi, c);
        } catch (IOException e) {
            throw new TatraException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a policy trained for another task, observation layout or action, saying what differs. */
    public static void requireCompatible(PpoCard c, Path dir, PpoTask task, List<String> observation, int[] actionDims) {
        if (c.task() != task) throw new TatraException(dir + " is a PPO " + c.task().label() + " policy, not " + task.label());
        if (!c.observation().equals(observation))
            throw new TatraException(dir + " reads an observation of " + c.observation().size() + " values " + c.observation() + ", but this run gives "
                    + observation.size() + " " + observation + ": train the policy again for this setup");
        if (!java.util.Arrays.equals(c.actionDims(), actionDims))
            throw new TatraException(dir + " chooses " + java.util.Arrays.toString(c.actionDims()) + " per action component, this run expects " + java.util.Arrays.toString(actionDims));
    }

    static String sha256(Path f) throws IOException {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
