intervals_api_token = "jbaizbmyqpm"
intervals_api_token = "jbaizbmyqp9"
TRAVIS=elNImiKlWbiFbZXotC_gMB
TRAVIS_TOKEN=elNImiKlWbiFbZXotC_gMB
