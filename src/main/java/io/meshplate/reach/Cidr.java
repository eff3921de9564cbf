package io.meshplate.reach;

import java.math.BigInteger;

/**
 * An IPv4 CIDR block ({@code 10.128.0.0/14}). IPv6 blocks are kept as not understood: the model
 * places pods and external hosts on IPv4 (the cluster networks in the platform values are IPv4).
 */
record Cidr(BigInteger first, BigInteger last, String text) {

  /** Parses {@code a.b.c.d/n} (or a single address); null when not an IPv4 block. */
  static Cidr parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      return null;
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    long address = 0;
    try {
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255 || octet.isEmpty() || octet.length() > 3) {
          return null;
        }
        address = address << 8 | value;
      }
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
      if (prefix < 0 || prefix > 32) {
        return null;
      }
      long size = 1L << (32 - prefix);
      long first = address & ~(size - 1) & 0xffffffffL;
      return new Cidr(BigInteger.valueOf(first), BigInteger.valueOf(first + size - 1), text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  boolean contains(Cidr other) {
    return first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
  }

  boolean overlaps(Cidr other) {
    return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
  }

  /** The whole IPv4 space. */
  boolean isEverything() {
    return first.signum() == 0 && last.equals(BigInteger.valueOf(0xffffffffL));
  }
}
