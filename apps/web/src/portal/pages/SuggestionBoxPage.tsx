import { Button, Card, Form, Input, Result, Space, TextArea } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { BusinessPicker } from '../components/BusinessPicker';
import { PageNav } from '../components/PageNav';
import { useUnpickedBusiness } from '../components/useUnpickedBusiness';
import type { TBizHit } from '../lib/businesses';
import { isDefiniteRefusal, showError } from '../lib/errors';
import { isPhone } from '../lib/format';
import { uuid } from '../lib/uuid';

/** 意见箱: anyone, no login; a phone number only if the writer wants an answer. */
export function SuggestionBoxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [biz, setBiz] = useState<TBizHit | null>(null);
  const [phone, setPhone] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [no, setNo] = useState<string | null>(null);
  const key = useRef(uuid());
  const unpicked = useUnpickedBusiness(biz, setBiz);
  const short = text.trim().length < 5;
  const badPhone = phone !== '' && !isPhone(phone);
  const submit = async () => {
    setTouched(true);
    if (short || badPhone) return;
    const chosen = await unpicked.confirm();
    if (chosen === 'back') return;
    setBusy(true);
    try {
      const r = await api.post<{ trackingNo: string }>(
        '/api/work-orders/suggestion-box',
        { text: text.trim(), ...(chosen ? { businessId: chosen.id } : {}), ...(phone ? { contactPhone: phone } : {}) },
        { idempotencyKey: key.current },
      );
      setNo(r.trackingNo);
    } catch (e) {
      if (isDefiniteRefusal(e)) key.current = uuid();
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  if (no)
    return (
      <>
        <PageNav title={t('portal.box.title')} back="/" />
        <div className="zlp-section">
          <Card>
            <Result status="success" title={t('portal.box.success')} description={t('portal.box.successDesc')} />
            <div className="zlp-track" style={{ textAlign: 'center', marginBottom: 16 }} data-testid="box-tracking-no">
              {no}
            </div>
            <Space direction="vertical" block>
              <Button block color="primary" onClick={() => navigate('/')}>
                {t('portal.box.home')}
              </Button>
            </Space>
          </Card>
        </div>
      </>
    );
  return (
    <>
      <PageNav title={t('portal.box.title')} back="/" />
      <p className="zlp-muted" style={{ padding: '12px 16px 0', margin: 0 }}>
        {t('portal.box.intro')}
      </p>
      <Form
        layout="vertical"
        mode="card"
        footer={
          <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="box-submit">
            {t('portal.common.submit')}
          </Button>
        }
      >
        <Form.Item
          label={t('portal.box.text')}
          required
          description={touched && short && <span className="zlp-error">{t('portal.appeal.tooShort')}</span>}
        >
          <TextArea
            placeholder={t('portal.box.textPlaceholder')}
            autoSize={{ minRows: 4, maxRows: 10 }}
            value={text}
            onChange={setText}
            maxLength={2000}
            showCount
            data-testid="box-text"
          />
        </Form.Item>
        <Form.Item label={t('portal.box.business')}>
          <BusinessPicker
            value={biz}
            onChange={(b) => setBiz(b)}
            withMap={false}
            onSearchChange={unpicked.onSearchChange}
          />
        </Form.Item>
        <Form.Item
          label={t('portal.box.phone')}
          description={touched && badPhone && <span className="zlp-error">{t('portal.box.invalidPhone')}</span>}
        >
          <Input
            type="tel"
            maxLength={20}
            value={phone}
            // digits, and a leading + for a number from outside the mainland (+852 9123 4567)
            onChange={(v) => setPhone(v.replace(/[^\d+\s-]/g, ''))}
            placeholder={t('portal.box.phonePlaceholder')}
            clearable
            data-testid="box-phone"
          />
        </Form.Item>
      </Form>
    </>
  );
}
