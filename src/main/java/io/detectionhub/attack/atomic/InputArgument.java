package io.detectionhub.attack.atomic;

/** An Atomic test's input argument; {@code defaultValue} is what {@code #{name}} becomes when the test runs as is. */
public record InputArgument(String name, String description, String type, String defaultValue) {
}
