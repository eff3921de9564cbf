package io.meshplate.reach;

import java.util.List;

/**
 * One layer's answer in a flow, with the objects that decided it.
 *
 * @param outcome {@code allow}, {@code deny}, {@code unknown}, or {@code n/a} when the layer does not apply
 */
public record Step(Layer layer, String outcome, String detail, List<Origin> objects) {
  public Step {
    objects = List.copyOf(objects);
  }
}
