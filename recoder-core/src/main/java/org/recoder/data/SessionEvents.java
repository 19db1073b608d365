package org.recoder.data;

/**
 * The ordered events of a session split ({@code recoder split session}): sessions as users, repeats kept in their
 * place. Every part shares the training item index; each part has its own session index.
 *
 * @param train      training events
 * @param validation validation events, or null
 * @param test       test events, or null
 */
public record SessionEvents(EventLog train, EventLog validation, EventLog test) {
    public SessionEvents {
        if (train == null) {
            throw new IllegalArgumentException("a session split needs its training events");
        }
        for (EventLog part : new EventLog[] {validation, test}) {
            if (part != null && !part.items().equals(train.items())) {
                throw new IllegalArgumentException("every part of a session split must share the training item index");
            }
        }
    }
}
