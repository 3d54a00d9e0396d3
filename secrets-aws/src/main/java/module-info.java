/**
 * Secrets from AWS Secrets Manager; see {@link dev.rivulet.secrets.aws.SecretsManagerProvider}.
 */
module dev.rivulet.secrets.aws {
    exports dev.rivulet.secrets.aws;

    requires transitive dev.rivulet.core;
    requires transitive software.amazon.awssdk.services.secretsmanager;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.apache5;
    requires com.fasterxml.jackson.databind;

    provides dev.rivulet.secret.SecretProvider with dev.rivulet.secrets.aws.SecretsManagerProvider;
}
