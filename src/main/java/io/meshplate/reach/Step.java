package io.meshplate.reach;

import java.util.List;

/**
 * One layer's answer in a flow, with the objects that decided it.
 *
 * @param outcome {@code allow}, {@code deny}, {@code unknown}, or {@code n/a} when the layer does not apply
 * @param admits for a layer that decides per request (authorization, routing), the requests it
 *     lets through on its own; empty for a layer that decides the whole connection
 */
public record Step(Layer layer, String outcome, String detail, List<Origin> objects, List<Requests> admits) {
  public Step {
    objects = objects instanceof Located located ? located : List.copyOf(objects); // located when read
    admits = List.copyOf(admits);
  }
}
