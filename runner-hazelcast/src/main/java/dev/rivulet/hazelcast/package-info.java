/**
 * A task runner on a Hazelcast cluster: {@link dev.rivulet.hazelcast.HazelcastTaskRunner} sends
 * task bodies to members that run {@link dev.rivulet.hazelcast.RivuletMember} with the application's
 * class path; {@link dev.rivulet.hazelcast.LocalMembers} starts such members on this machine.
 */
package dev.rivulet.hazelcast;
