package io.meshplate.reach;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of a {@link Step}, located (file and line) on first read: locating parses the cited
 * file with positions, and a flow table without detail, which an overlay of a thousand tenants
 * fills with a hundred thousand flows, never reads them. Equal, element by element, to the list
 * read eagerly; immutable.
 */
final class Located extends AbstractList<Origin> {
  private final List<Ref> refs;
  private final Locator locator;
  private volatile List<Origin> origins;

  Located(List<Ref> refs, Locator locator) {
    this.refs = List.copyOf(refs);
    this.locator = locator;
  }

  /**
   * Adds the references not located yet to {@code pending} (concurrent, as its sets), by the
   * locator that will locate them.
   */
  void pending(Map<Locator, Set<Ref>> pending) {
    if (origins == null) {
      pending.computeIfAbsent(locator, l -> ConcurrentHashMap.newKeySet()).addAll(refs);
    }
  }

  private List<Origin> origins() {
    List<Origin> known = origins;
    if (known == null) {
      known = refs.stream().map(locator::origin).distinct().toList();
      origins = known;
    }
    return known;
  }

  @Override
  public Origin get(int index) {
    return origins().get(index);
  }

  @Override
  public int size() {
    return origins().size();
  }
}
