// SigV4 against AWS's published test vectors: the signing-key derivation example of the IAM
// documentation and cases of the aws-sig-v4-test-suite (credential AKIDEXAMPLE, 20150830T123600Z,
// us-east-1, service "service", host example.amazonaws.com).
#include <catch2/catch.hpp>

#include "validate/sigv4.hpp"

using namespace nhiscan::live;

namespace {
const SigV4Key kSuiteKey{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service"};
const std::string kDate = "20150830T123600Z";

SigV4Request suite_request(std::string method, std::string query = {}) {
    SigV4Request r;
    r.method = std::move(method);
    r.host = "example.amazonaws.com";
    r.path = "/";
    r.query = std::move(query);
    return r;
}
}  // namespace

TEST_CASE("the signing key derivation matches AWS's documented example") {
    SigV4Key k{"", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam"};
    CHECK(hex(sigv4_signing_key(k, "20120215")) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("get-vanilla: canonical request, string to sign and signature") {
    auto r = suite_request("GET");
    CHECK(sigv4_canonical_request(r, kDate) ==
          "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sigv4_string_to_sign(r, kSuiteKey, kDate) ==
          "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
          "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    CHECK(sigv4_authorization(r, kSuiteKey, kDate) ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, "
          "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("post-vanilla: string to sign and signature") {
    CHECK(sigv4_string_to_sign(suite_request("POST"), kSuiteKey, kDate) ==
          "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
          "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
    CHECK(sigv4_authorization(suite_request("POST"), kSuiteKey, kDate) ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, "
          "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST_CASE("get-vanilla-query-order-key-case: query parameters are sorted") {
    auto r = suite_request("GET", "Param2=value2&Param1=value1");
    CHECK(sigv4_canonical_request(r, kDate).rfind("GET\n/\nParam1=value1&Param2=value2\nhost:", 0) == 0);
    CHECK(sigv4_string_to_sign(r, kSuiteKey, kDate).substr(sigv4_string_to_sign(r, kSuiteKey, kDate).rfind('\n') + 1) ==
          "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
    CHECK(sigv4_authorization(r, kSuiteKey, kDate).substr(sigv4_authorization(r, kSuiteKey, kDate).find("Signature=")) ==
          "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST_CASE("a changed secret, date or body changes the signature") {
    auto base = sigv4_authorization(suite_request("POST"), kSuiteKey, kDate);
    SigV4Key other = kSuiteKey;
    other.secret_key.back() = 'X';
    CHECK(sigv4_authorization(suite_request("POST"), other, kDate) != base);
    CHECK(sigv4_authorization(suite_request("POST"), kSuiteKey, "20150830T123601Z") != base);
    auto withBody = suite_request("POST");
    withBody.body = "Action=GetCallerIdentity&Version=2011-06-15";
    CHECK(sigv4_authorization(withBody, kSuiteKey, kDate) != base);
}
