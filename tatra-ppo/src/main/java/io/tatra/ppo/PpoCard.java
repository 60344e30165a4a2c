package io.tatra.ppo;

import java.util.List;
import java.util.Map;

/**
 * What a saved PPO policy is and where it came from (as a model card): the task, the observation's layout and the
 * action's components (a policy is refused where they differ), PPO's settings and seed, the environment's settings,
 * the signal model it was trained on (path and the SHA-256 of its card), the symbols and the stretch of bars its
 * episodes were cut from, how much it trained, library versions, and the weights' checksum.
 *
 * @param observation the name of each observation value, in order
 * @param actions     per action component, the meaning of each choice
 */
public record PpoCard(String format, PpoTask task, String createdAt, Map<String, String> versions, List<String> observation, List<List<String>> actions,
                      PpoConfig ppo, Map<String, Object> environment, String signalModel, String signalModelCardSha256, List<String> symbols,
                      String episodesFrom, String episodesTo, int distinctEpisodes, long steps, double seconds, double lastMeanEpisodeReturn,
                      String weightsSha256) {
    public PpoCard {
        if (task == null) throw new IllegalArgumentException("a PPO card needs its task");
        observation = observation == null ? List.of() : List.copyOf(observation);
        actions = actions == null ? List.of() : actions.stream().map(List::copyOf).toList();
        versions = versions == null ? Map.of() : Map.copyOf(versions);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }

    /** The number of choices of each action component. */
    public int[] actionDims() { return actions.stream().mapToInt(List::size).toArray(); }

    public PpoCard withWeights(String sha) {
        return new PpoCard(format, task, createdAt, versions, observation, actions, ppo, environment, signalModel, signalModelCardSha256, symbols,
                episodesFrom, episodesTo, distinctEpisodes, steps, seconds, lastMeanEpisodeReturn, sha);
    }
}
