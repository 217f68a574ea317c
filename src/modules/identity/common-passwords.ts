// The most common passwords that would otherwise pass the character rules, lower-cased
// (from public breach corpora such as the NCSC top-100k and RockYou lists). Compared
// case-insensitively, so "PASSWORD1" and "Password1" are both refused.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `password1 password12 password123 password1234 password12345 password2 password01 passw0rd p@ssw0rd p@ssword1
  p@ssword123 pa55word pa55w0rd passw0rd1 passw0rd123 password!1 password1! qwerty123 qwerty1 qwerty12 qwerty1234
  qwertyuiop1 qwertyuiop123 qwerty123456 qwe123456 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5
  zaq12wsx zaq1zaq1 abc12345 abcd1234 abc123456 abcde12345 abcdef123 a1b2c3d4 aa123456 aa12345678 a12345678
  a123456789 asdf1234 asdfgh123 asd123456 zxcvbnm1 zxcvbnm123 welcome1 welcome12 welcome123 welcome2024
  welcome2025 welcome2026 letmein1 letmein123 iloveyou1 iloveyou123 iloveyou2 admin123 admin1234 administrator1
  changeme1 changeme123 test1234 test12345 test123456 testing123 monkey123 monkey12 dragon123 dragon12 football1
  football12 football123 baseball1 baseball123 basketball1 soccer123 hockey123 sunshine1 sunshine123 princess1
  princess123 charlie1 charlie123 superman1 superman123 batman123 michael1 michael123 jennifer1 jessica1 ashley123
  daniel123 thomas123 jordan123 hunter123 shadow123 master123 master12 killer123 trustno1 freedom1 whatever1
  starwars1 pokemon123 computer1 internet1 secret123 summer2023 summer2024 summer2025 summer2026 winter2023
  winter2024 winter2025 winter2026 spring2024 spring2025 spring2026 autumn2024 autumn2025 autumn2026 fall2025
  january2025 january2026 monday123 friday123 love1234 loveyou1 lovely123 hello123 hello1234 helloworld1 google123
  samsung123 apple123 mustang1 ferrari1 liverpool1 chelsea123 arsenal123 qazwsx123 default1 guest1234 user1234
  login123 access14 matrix123 flower123 cookie123 chocolate1 blink182 america1 london123 paris123 berlin123
  student1 student123 teacher1 teacher123 school123 lectern1 lectern123 mypassword1 newpassword1 newpass123
  temp1234 temppass1 p4ssw0rd p4ssword1 letmein12 abcabc123 aaaaaa1a aa11bb22 11111111a 12345678a 123456789a
  1234567a 123456aa 123abc456 1a2b3c4d password2024 password2025 password2026 p@ssw0rd123 p@ssw0rd1 p@55w0rd
  qwerty2024 qwerty2025 changeit1 secure123 security1 passpass1 asdfghjkl1 iloveu123 mylove123 family123`
    .split(/\s+/)
    .filter(Boolean),
);
