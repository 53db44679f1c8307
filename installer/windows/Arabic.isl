; Arabic for Atlas Desktop's setup, laid over Inno Setup's Default.isl (messages not given here
; stay in English). Right to left: the wizard is mirrored.

[LangOptions]
LanguageName=العربية
LanguageID=$0401
LanguageCodePage=0
RightToLeft=yes

[Messages]
SetupAppTitle=التثبيت
SetupWindowTitle=تثبيت - %1
ButtonBack=< ال&سابق
ButtonNext=ال&تالي >
ButtonInstall=&تثبيت
ButtonOK=موافق
ButtonCancel=إلغاء
ButtonYes=&نعم
ButtonNo=&لا
ButtonFinish=إ&نهاء
ButtonBrowse=اس&تعراض...
WelcomeLabel1=مرحباً بك في معالج تثبيت [name]
WelcomeLabel2=سيثبّت هذا المعالج [name/ver] على جهازك.%n%nيُستحسن أن تغلق التطبيقات الأخرى قبل المتابعة.
WizardLicense=اتفاقية الترخيص
LicenseLabel3=اقرأ اتفاقية الترخيص التالية. عليك قبولها قبل متابعة التثبيت.
LicenseAccepted=&أقبل الاتفاقية
LicenseNotAccepted=&لا أقبل الاتفاقية
WizardSelectDir=اختر مجلد التثبيت
SelectDirDesc=أين تريد تثبيت [name]؟
SelectDirLabel3=سيثبّت المعالج [name] في المجلد التالي.
SelectDirBrowseLabel=للمتابعة انقر التالي. لاختيار مجلد آخر انقر استعراض.
WizardSelectTasks=اختر مهام إضافية
WizardReady=جاهز للتثبيت
ReadyLabel1=المعالج جاهز لتثبيت [name] على جهازك.
WizardInstalling=جارٍ التثبيت
InstallingLabel=انتظر حتى يثبّت المعالج [name] على جهازك.
FinishedHeadingLabel=اكتمل تثبيت [name]
FinishedLabel=ثُبّت [name] على جهازك. يمكنك فتحه من الاختصارات التي أُنشئت.
ExitSetupTitle=إنهاء التثبيت
ExitSetupMessage=لم يكتمل التثبيت. إن خرجت الآن فلن يُثبَّت البرنامج.%n%nهل تريد الخروج؟
DiskSpaceMBLabel=يلزم على الأقل [mb] ميغابايت من المساحة الحرة.
SelectLanguageTitle=اختر لغة التثبيت
SelectLanguageLabel=اختر اللغة التي تريدها أثناء التثبيت.
