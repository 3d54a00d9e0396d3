/**
 * A {@link dev.rivulet.secret.SecretProvider} that reads AWS Secrets Manager: {@link
 * dev.rivulet.secrets.aws.SecretsManagerProvider}.
 */
package dev.rivulet.secrets.aws;
