/**
 * The contract suites of Rivulet's SPIs, one abstract JUnit 5 class per SPI:
 * {@link dev.rivulet.testing.contract.ResultStoreContract}, {@link
 * dev.rivulet.testing.contract.SerializerContract}, {@link
 * dev.rivulet.testing.contract.TaskRunnerContract} (and, for runners that carry task bodies out in
 * other JVMs, {@link dev.rivulet.testing.contract.RemoteTaskRunnerContract}), {@link
 * dev.rivulet.testing.contract.RangedSourceContract} and {@link
 * dev.rivulet.testing.contract.RunStoreContract}. Rivulet's own stores, serializers and runners
 * pass them; a project that writes its own extends the suite in its tests and implements the one or
 * two methods that make the instance under test.
 */
package dev.rivulet.testing.contract;
